/** Phone numbers are facts and are stored whole; reports show them masked unless the owner asks. */

/** Masks every digit but the last two, keeping the layout: "+81 90-1234-5678" → "+** **-****-**78". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  // With two digits or fewer, the last two would be the whole number.
  const keep = digits > 2 ? 2 : 0;
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digits - keep ? digit : '*';
  });
}
