"""Files to text: discovery and reading, formats, cleanup with offsets, the manifest."""
