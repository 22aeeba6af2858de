/** Placeholder until the page is built. */
export default function CasePage() {
  return <div>CasePage</div>;
}
