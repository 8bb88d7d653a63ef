"""PDF reports: the assessment summary, the province report, their charts, fonts and generated commentary."""
