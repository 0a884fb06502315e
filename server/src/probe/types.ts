/** The report types live in shared/src/probeReport.ts, so the client can use them without the engine. */
export * from '../../../shared/src/probeReport';
