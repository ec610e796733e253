# Run as `python -c <this text>` by PythonProbe. Writes NUL-terminated `key=value` records to stdout as raw
# bytes; paths are written in the file system encoding (os.fsencode), so any character a path may hold survives.
# The first lines must stay valid Python 2 so that an old interpreter still reports its version.
# No double-quote characters anywhere: Windows command-line quoting of the -c argument cannot carry them.
import sys
out = getattr(sys.stdout, 'buffer', sys.stdout)
out.write(b'pybridge-probe=1\0version=' + ('%d.%d.%d' % tuple(sys.version_info[:3])).encode('ascii') + b'\0')
if sys.version_info < (3, 6):
    out.write(b'end\0')
    out.flush()
    sys.exit(0)

import os
import site
import struct
import sysconfig


def put(key, value):
    if value is None:
        value = ''
    if not isinstance(value, bytes):
        value = os.fsencode(str(value))
    out.write(key.encode('ascii') + b'=' + value + b'\0')


def config(name):
    value = sysconfig.get_config_var(name)
    put('config.' + name, '' if value is None else value)


put('releaselevel', sys.version_info.releaselevel)
put('implementation', sys.implementation.name)
put('platform', sys.platform)
put('pointer_bits', struct.calcsize('P') * 8)
put('debug', int(hasattr(sys, 'gettotalrefcount')))
put('executable', sys.executable)
put('base_executable', getattr(sys, '_base_executable', sys.executable))
put('prefix', sys.prefix)
put('base_prefix', sys.base_prefix)
put('exec_prefix', sys.exec_prefix)
put('base_exec_prefix', sys.base_exec_prefix)
put('venv', int(sys.prefix != sys.base_prefix))
put('abiflags', getattr(sys, 'abiflags', ''))
for name in ('LIBDIR', 'LIBPL', 'LDLIBRARY', 'INSTSONAME', 'Py_ENABLE_SHARED', 'Py_GIL_DISABLED',
             'EXT_SUFFIX', 'MULTIARCH', 'PYTHONFRAMEWORK', 'PYTHONFRAMEWORKPREFIX'):
    config(name)
for directory in getattr(site, 'getsitepackages', lambda: [])():
    put('site', directory)
if getattr(site, 'ENABLE_USER_SITE', False):
    put('usersite', site.getusersitepackages())
# `-c` puts the current directory ('') first on sys.path; an embedded interpreter does not.
entries = sys.path[1:] if sys.path and sys.path[0] == '' else sys.path
for entry in entries:
    put('path', entry)
out.write(b'end\0')
out.flush()
