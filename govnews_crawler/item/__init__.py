"""The article item: its fields and loader, the one builder, and the contract as a JSON Schema."""
