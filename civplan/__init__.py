"""The shared model of a 创建文明单位实施方案: schema, loader, validation, rendering."""
