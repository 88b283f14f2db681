"""Cases: storage of a case's content as revisions, its files, import and export."""
