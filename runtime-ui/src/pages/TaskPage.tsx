/** Placeholder until the page is built. */
export default function TaskPage() {
  return <div>TaskPage</div>;
}
