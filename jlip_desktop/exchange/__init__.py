"""Excel exchange: the exchange workbook, the fill-in template, the province workbook and their import."""
