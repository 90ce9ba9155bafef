/** The flags of `drill run`, shared by scripted runs and the live console. */
export interface RunOptions {
  script?: string;
  log?: string;
  resume?: string;
  speed?: number;
  lang?: string;
  report?: string;
  startTime?: string;
  /** A plain-text copy of the live console's announcements and logged lines. */
  transcript?: string;
  /** Stop the clock while an entry is open (undefined: above ×10). */
  pauseOnEntry?: boolean;
}
