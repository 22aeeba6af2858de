/** Placeholder until the page is built. */
export default function PackPage() {
  return <div>PackPage</div>;
}
