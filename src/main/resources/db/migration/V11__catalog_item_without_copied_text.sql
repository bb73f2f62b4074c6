-- Staging stored each product's description and category, which nothing ever read: the prompt, rendered from the
-- template at staging, already holds them wherever the template asks for them, and the fingerprint covers the prompt.
-- So every staged row held its description twice (docs/DESIGN-NOTES.md, "catalog_item keeps what the job reads").
-- The CSV's columns stay as they are; only the stored copies go, and rows staged before keep everything else.
-- One column per statement: H2 and PostgreSQL spell dropping several columns at once differently.
ALTER TABLE catalog_item DROP COLUMN description;
ALTER TABLE catalog_item DROP COLUMN category;
