#!/bin/bash
# The library's layers (docs/architecture.md, "Layers"): a header or source in lib/kappa/LAYER or
# lib/src/LAYER includes kappa headers of its own layer and of layers below it only, and Boost's
# program options (the command line's vocabulary) only from cli and above. A mutation check: an
# include of kappa/cli/ added to lib/src/app/rate.cpp fails it.
set -u
cd "${KAPPA_SRC:?}"
/usr/bin/python3 - <<'PY'
import pathlib, re, sys
# The order is CMakeLists.txt's: KAPPA_MATH_LAYERS then KAPPA_IO_LAYERS, lowest first.
cmake = pathlib.Path('CMakeLists.txt').read_text()
order = [l for var in ('KAPPA_MATH_LAYERS', 'KAPPA_IO_LAYERS')
         for l in re.search(r'set\(' + var + r' ([^)]*)\)', cmake).group(1).split()]
rank = {l: i for i, l in enumerate(order)}
bad, seen = [], set()
for f in sorted(pathlib.Path('lib').rglob('*')):
    if f.suffix not in ('.hpp', '.cpp'):
        continue
    parts = f.parts  # lib/kappa/LAYER/x.hpp or lib/src/LAYER/x.cpp
    if len(parts) != 4 or parts[2] not in rank:
        bad.append(f'{f}: not in a layer folder (lib/kappa/LAYER/ or lib/src/LAYER/, LAYER one of {", ".join(order)})')
        continue
    layer = parts[2]
    seen.add(layer)
    for n, line in enumerate(f.read_text().splitlines(), 1):
        m = re.match(r'\s*#\s*include\s*[<"]kappa/(\w+)/', line)
        if m and (m.group(1) not in rank or rank[m.group(1)] > rank[layer]):
            bad.append(f'{f}:{n}: {layer} includes kappa/{m.group(1)}/, a layer above it')
        if 'program_options' in line and rank[layer] < rank['cli']:
            bad.append(f'{f}:{n}: {layer} names Boost.Program_options, which only cli and above may use')
for line in bad:
    print('FAIL:', line)
if set(order) - seen:
    print('FAIL: layers with no file:', sorted(set(order) - seen)); bad.append('')
print(f'layers: {len(bad)} violation(s)')
sys.exit(1 if bad else 0)
PY
