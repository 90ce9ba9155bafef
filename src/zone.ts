// Time zones as @date-fns/tz is quickest given them. A drill's zone is often a bare UTC offset
// ("+08:00"), which Node 20's Intl refuses: @date-fns/tz then falls back to parsing it through
// a thrown error, several times for every date shown. A whole-hour offset is the same zone as
// the IANA name of that fixed offset ("Etc/GMT-8": the sign is POSIX's, inverted), which Intl
// knows; dates in it read the same, offset included.

const WHOLE_HOURS = /^([+-])(\d{2}):?00$/;
const known = new Map<string, string>();

export function intlZone(zone: string): string {
  let name = known.get(zone);
  if (name === undefined) {
    const match = WHOLE_HOURS.exec(zone);
    const hours = match ? Number(match[2]) : 0;
    const east = match?.[1] === "+";
    name =
      match && hours > 0 && hours <= (east ? 14 : 12) ? `Etc/GMT${east ? "-" : "+"}${hours}` : zone;
    known.set(zone, name);
  }
  return name;
}
