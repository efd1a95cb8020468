"""Test harness: statically inspects a generated Python file (no imports run) and prints JSON:
the kinds of its top-level statements, every name it imports, and the values of CONFIG / ENCODING /
DATA_PATH as the generated code would compute them."""
import ast
import json
import sys

source = open(sys.argv[1], encoding="utf-8").read()
tree = ast.parse(source)
top = []
imports = []
values = {}
calls = set()
for node in tree.body:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        top.append("import")
        imports.extend(a.name for a in node.names)
    elif isinstance(node, ast.Assign):
        name = node.targets[0].id
        top.append("assign:" + name)
        v = node.value
        if isinstance(v, ast.Call) and getattr(v.func, "attr", "") == "loads":
            values[name] = json.loads(ast.literal_eval(v.args[0]))
        else:
            try:
                values[name] = ast.literal_eval(v)  # plain data only: a literal_eval failure means code
            except ValueError:
                pass
    else:
        top.append(type(node).__name__ + (":" + node.name if hasattr(node, "name") else ""))
for node in ast.walk(tree):
    if isinstance(node, ast.Call):
        f = node.func
        calls.add(f.id if isinstance(f, ast.Name) else (f.attr if isinstance(f, ast.Attribute) else "?"))
print(json.dumps({"top": top, "imports": sorted(set(imports)), "values": values, "calls": sorted(calls)}))
