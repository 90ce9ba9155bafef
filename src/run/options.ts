/** The flags of `drill run`, shared by scripted runs and the live console. */
export interface RunOptions {
  script?: string;
  log?: string;
  resume?: string;
  speed?: number;
  lang?: string;
  report?: string;
  startTime?: string;
}
