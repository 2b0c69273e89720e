/**
 * Local codes are exact strings ("0412" is not "412") compared after trimming
 * white space, as the `local_code_key` column computes it.
 */
export function localCodeKey(code: string): string {
  return code.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}
