/** Placeholder until the page is built. */
export default function FormsPage() {
  return <div>FormsPage</div>;
}
