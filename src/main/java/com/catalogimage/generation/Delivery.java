package com.catalogimage.generation;

import com.catalogimage.provider.GeneratedImage;

/** An image the provider delivered, with what the attempts to get it cost. */
public record Delivery(GeneratedImage image, AttemptStats stats) {
}
