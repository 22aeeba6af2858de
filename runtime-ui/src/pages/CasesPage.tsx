/** Placeholder until the page is built. */
export default function CasesPage() {
  return <div>CasesPage</div>;
}
