// One mapping from TLP labels to Europol SIENA handling codes, exposed on every classified record (ClassifiedRecord.handlingCode).
import { HandlingCode, Tlp } from './enums.js';

/**
 * The SIENA handling code a label implies (README, "TLP and SIENA handling codes"): RED → H3 (other restrictions:
 * the named agencies only), AMBER+STRICT → H2 (no onward dissemination without the provider's permission: the
 * originating agency only, until it releases the record), AMBER → H0 (law-enforcement purposes only: its audience is
 * public authorities). GREEN and CLEAR reach private partners or the public, outside SIENA's law-enforcement
 * channel: no code. H1 (not for judicial proceedings) is a choice of the provider no label implies.
 */
export const HANDLING_CODES: Record<Tlp, HandlingCode | null> = {
  [Tlp.RED]: HandlingCode.H3,
  [Tlp.AMBER_STRICT]: HandlingCode.H2,
  [Tlp.AMBER]: HandlingCode.H0,
  [Tlp.GREEN]: null,
  [Tlp.CLEAR]: null,
};

export function handlingCodeOf(tlp: Tlp): HandlingCode | null {
  return HANDLING_CODES[tlp];
}
