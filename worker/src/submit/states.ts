import { usStates } from "@autobolt/contract";

export interface UsState {
  abbreviation: string;
  name: string;
}

const byKey = new Map<string, UsState>();
for (const [abbreviation, name] of usStates) {
  const state = { abbreviation, name };
  byKey.set(abbreviation.toLowerCase(), state);
  byKey.set(name.toLowerCase(), state);
}

/** "TX", "tx", "Texas", " texas " → Texas; anything else (a province, a typo) → undefined. */
export function findUsState(value: string): UsState | undefined {
  return byKey.get(value.trim().replace(/\.$/, "").replace(/\s+/g, " ").toLowerCase());
}

/** The two-letter form when the value is a US state, else the value as given. */
export function stateAbbreviation(value: string): string {
  return findUsState(value)?.abbreviation ?? value.trim();
}
