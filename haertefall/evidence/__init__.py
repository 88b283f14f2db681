"""The documents step: evidence uploads, listed per person and category, served to the owner."""
