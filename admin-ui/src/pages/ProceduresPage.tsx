/** Placeholder until the page is built. */
export default function ProceduresPage() {
  return <div>ProceduresPage</div>;
}
