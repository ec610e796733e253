# Sourced by the scripts that run JMH beside the C baseline (run.sh, paired.sh), after they have set
# python_exe (the interpreter itself, not a launcher), bench_dir and target. Exports the interpreter and the
# module folder for JMH's forks, and defines:
#   capi_run ARGS...   the C baseline on that interpreter (capi_baseline's own options in ARGS), to stdout
#   jmh_jvm_args       the -jvmArgsAppend value of a JMH run
export PYBRIDGE_PYTHON=$python_exe
export PYBRIDGE_BENCH_MODULE_PATH=$bench_dir/python

capi_run() {
  "$target/capi_baseline" "$@" --python-executable "$python_exe" --module-path "$bench_dir/python"
}

# JMH splits -jvmArgsAppend at spaces: paths with spaces reach the forks through the environment only
# (PYBRIDGE_PYTHON for the interpreter; the module folder's default, benchmarks/python under the working
# directory, which is why the scripts run from the repository root).
# -Xss8m: benchmark threads run Python themselves (a smaller stack hands each call to a bridge thread).
jmh_jvm_args() {
  local args="--enable-native-access=ALL-UNNAMED -Xss8m"
  [[ $python_exe =~ [[:space:]] ]] || args+=" -Dpybridge.python=$python_exe"
  [[ $PYBRIDGE_BENCH_MODULE_PATH =~ [[:space:]] ]] || args+=" -Dpybridge.bench.modulePath=$PYBRIDGE_BENCH_MODULE_PATH"
  echo "$args"
}
