"""The open metadata type system: TypeDef gallery, inheritance, archive loading, validation, schema."""
