"""The model picker: catalog with fit badges, memory picture and downloads."""
