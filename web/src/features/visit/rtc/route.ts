import { fallbackPair } from './quality';

type Stat = Record<string, unknown>;

/** How a connection's media travels: the candidate types of its selected pair ('host', 'srflx', 'prflx', 'relay'). */
export interface MediaRoute {
  local: string;
  remote: string;
}

/** The selected candidate pair's route from getStats(), or null before one is chosen. */
export function selectedRoute(report: RTCStatsReport): MediaRoute | null {
  const byId = new Map<string, Stat>();
  let selected: string | null = null;
  report.forEach((value: unknown) => {
    const stat = value as Stat;
    byId.set(String(stat['id']), stat);
    if (stat['type'] === 'transport' && typeof stat['selectedCandidatePairId'] === 'string') {
      selected = stat['selectedCandidatePairId'];
    }
  });
  const pair =
    (selected ? byId.get(selected) : undefined) ??
    fallbackPair([...byId.values()].filter((s) => s['type'] === 'candidate-pair'));
  if (!pair) return null;
  const type = (id: unknown) => String(byId.get(String(id))?.['candidateType'] ?? 'unknown');
  return { local: type(pair['localCandidateId']), remote: type(pair['remoteCandidateId']) };
}
