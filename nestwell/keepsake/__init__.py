"""The keepsake book: a printable PDF of the letters, the birth, the firsts, photos and her
own notes, holding only what she picks."""
