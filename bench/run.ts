// `npm run bench`: benchmarks, each reported as a ratio against a baseline measured in the same
// run. Suites are added by the issues that set performance targets.
console.log('No benchmarks yet.');
