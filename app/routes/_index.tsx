export default function Home() {
  return <div className="page"><h1>Soko</h1></div>;
}
