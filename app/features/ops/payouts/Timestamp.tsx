/** An ISO time as "YYYY-MM-DD HH:MM UTC", the same on the server and in the browser. */
export function Timestamp({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
}
