"""What the office issues from a meeting record: the conclusion notice (DOCX) and a news-article draft."""
