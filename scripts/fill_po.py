"""Fill empty msgstr entries of a .po file from a JSON map {"[ctxt\x04]msgid": "msgstr"} (a translator's aid)."""

import json
import re
import sys

po_path, table_path = sys.argv[1], sys.argv[2]
table = json.load(open(table_path, encoding="utf-8"))
entries = open(po_path, encoding="utf-8").read().split("\n\n")
filled = 0
for index, entry in enumerate(entries):
    context = re.search(r'^msgctxt "(.*)"$', entry, re.M)
    msgid = re.search(r'^msgid "(.*)"$', entry, re.M)
    if not msgid or not msgid.group(1):
        continue
    key = (context.group(1) + "\x04" if context else "") + msgid.group(1)
    if (
        key in table
        and re.search(r'^msgstr(\[0\])? ""$', entry, re.M)
        and not re.search(r'^msgstr(\[0\])? ""\n"', entry, re.M)
    ):
        entries[index] = re.sub(
            r'^(msgstr(?:\[0\])?) ""$', lambda m, text=table[key]: f'{m.group(1)} "{text}"', entry, count=1, flags=re.M
        )
        filled += 1
open(po_path, "w", encoding="utf-8").write("\n\n".join(entries))
print(f"filled {filled}")
