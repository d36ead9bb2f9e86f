// Loaded with `node --import` by the benchmarks: reports the process's peak resident set size and its CPU time
// (user + system, every thread of the process) on exit.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `NETSPEC_BENCH_MAX_RSS_KB=${usage.maxRSS} NETSPEC_BENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`,
  );
});
