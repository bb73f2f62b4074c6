-- Staging stored each product's description and category, which nothing ever read: the prompt, rendered from the
-- template at staging, already holds them wherever the template asks for them, and the fingerprint covers the prompt.
-- So every staged row held its description twice (docs/DESIGN-NOTES.md, "catalog_item keeps what the job reads").
-- Staging no longer writes them; the columns become nullable rather than dropped, because dropping a column makes H2
-- copy the whole table at the first start of the release (25 s and a file four times larger for one 100,000-product
-- run kept; minutes for a week of runs), where this is a change of the schema alone on both databases. Rows staged
-- before keep their copies until retention removes their run.
ALTER TABLE catalog_item ALTER COLUMN description DROP NOT NULL;
ALTER TABLE catalog_item ALTER COLUMN category DROP NOT NULL;
