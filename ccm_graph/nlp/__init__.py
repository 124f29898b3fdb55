"""The spaCy stage: pipeline, layout, gazetteer, linking of names."""
