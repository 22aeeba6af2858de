/** Placeholder until the page is built. */
export default function ProcedurePage() {
  return <div>ProcedurePage</div>;
}
