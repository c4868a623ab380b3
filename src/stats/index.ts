// Activation history: the daily snapshot job, the report `stats` answers with, its chart and CSV.
export * from './chart.js';
export * from './csv.js';
export * from './report.js';
export * from './service.js';
export * from './snapshot-job.js';
export * from './weekly-digest.js';
