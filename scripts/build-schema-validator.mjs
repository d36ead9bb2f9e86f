// Placeholder: the schema validator generator lands with schema/network.schema.json.
