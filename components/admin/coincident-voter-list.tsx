import type { CoincidentPair } from "@/db/queries/votes";

/**
 * Pairs of accounts whose votes coincide on at least 80 % of at least 10 comments both voted on
 * within an hour of each other (decision 037). It may be friends who read together, or one
 * person with two accounts: nothing happens to anyone automatically; a moderator looks.
 */
export function CoincidentVoterList({ pairs }: { pairs: CoincidentPair[] }) {
  return (
    <>
      <p className="admin-intro">
        Accounts whose votes coincide on 80 % or more of at least 10 comments they both voted on within an hour. Nothing is done to
        them automatically: read their comments and votes before you act.
      </p>
      {pairs.length === 0 ? (
        <p className="admin-empty">No two accounts vote alike that often.</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">Pairs of accounts that vote alike</caption>
          <thead>
            <tr>
              <th scope="col">Reader</th>
              <th scope="col">Reader</th>
              <th scope="col">Comments voted on by both within an hour</th>
              <th scope="col">Voted alike</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair) => (
              <tr key={`${pair.voterA.id}:${pair.voterB.id}`}>
                <td>{pair.voterA.name}</td>
                <td>{pair.voterB.name}</td>
                <td>{pair.shared}</td>
                <td>{`${pair.coinciding} (${Math.round((pair.coinciding / pair.shared) * 100)} %)`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
