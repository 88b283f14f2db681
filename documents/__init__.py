"""The application package: uploads, German wording, rendering and bundling of PDFs."""
