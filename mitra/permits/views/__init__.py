"""Licensing pages, one module per responsibility (issue 18 §4): `applications` (the
application and its pages), `actions` (its moves), `documents` (its documents), `reviews` (the
members' opinions), `permits` (permits, izin operasional, staff), `lifecycle` (the acts after
issue) and `public` (the public pages). Objects come only through scoped selectors; writes only
through services. `urls.py` names each view by its module."""
