package com.catalogimage;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CatalogImageApplication {
	public static void main(String[] args) {
	}
}
