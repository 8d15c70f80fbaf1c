"""gettext PO files for translators' tools: laid out as GNU gettext lays them out, or as polib does."""
