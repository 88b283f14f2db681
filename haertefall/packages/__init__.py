"""The PDF package in the web app: what it will contain, building it, download and preview."""
