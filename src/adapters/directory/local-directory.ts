import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MUNICIPALITIES } from '../../domain/municipalities';
import type { Person } from '../../domain/person';
import type { Directory } from '../../domain/ports';

const PersonSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  /** Absent for a guest from outside the municipalities (the accelerator partner). */
  municipality: z.enum(MUNICIPALITIES).optional(),
  administration: z.string().optional(),
  workplace: z.string().optional(),
  jobTitle: z.string().optional(),
  managerId: z.string().optional(),
  hireDate: z.iso.date().optional(),
  employeeType: z.enum(['permanent', 'temporary', 'unknown']),
  guest: z.boolean().optional(),
});
export const DirectoryFileSchema = z.object({ people: z.array(PersonSchema) });
export type DirectoryFile = z.infer<typeof DirectoryFileSchema>;

/** The directory from a JSON file: for development, the demo and tests. Production uses Microsoft Graph. */
export class LocalDirectory implements Directory {
  private readonly byId: ReadonlyMap<string, Person>;

  constructor(data: unknown) {
    const file = DirectoryFileSchema.parse(data);
    this.byId = new Map(file.people.map((p) => [p.id, p]));
  }

  static async fromFile(path: string): Promise<LocalDirectory> {
    return new LocalDirectory(JSON.parse(await readFile(path, 'utf8')));
  }

  async getPerson(id: string): Promise<Person | null> {
    return this.byId.get(id) ?? null;
  }

  async findByEmail(email: string): Promise<Person | null> {
    const wanted = email.trim().toLowerCase();
    const found = [...this.byId.values()].filter((p) => p.email.toLowerCase() === wanted);
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  async directReports(managerId: string): Promise<readonly Person[]> {
    return [...this.byId.values()].filter((p) => p.managerId === managerId);
  }

  async *everyone(): AsyncIterable<readonly Person[]> {
    yield this.all();
  }

  all(): readonly Person[] {
    return [...this.byId.values()];
  }
}
