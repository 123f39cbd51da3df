"""Print `name==version` lines from a pip installation report read on stdin (used by lock.sh)."""

import json
import sys

report = json.load(sys.stdin)
for item in sorted(report["install"], key=lambda i: i["metadata"]["name"].lower()):
    print(f"{item['metadata']['name']}=={item['metadata']['version']}")
