"""Do-no-harm analyses (9B, 9C): what users put into the product and how they meet."""
