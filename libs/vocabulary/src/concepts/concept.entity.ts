import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalizedText, LocalizedTexts } from '@lexique/core';
import { ConceptStatus } from './concept-status';

@Entity('concept')
export class ConceptEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  code!: string;

  @Column('text', { name: 'domain_code' })
  domainCode!: string;

  @Column('text')
  status!: ConceptStatus;

  @Column('jsonb', { name: 'pref_label' })
  prefLabel!: LocalizedText;

  @Column('jsonb', { name: 'alt_labels', default: {} })
  altLabels!: LocalizedTexts;

  /** Misspellings and old spellings: searchable, never returned by the API. */
  @Column('text', { name: 'hidden_labels', array: true, default: [] })
  hiddenLabels!: string[];

  @Column('text', { array: true, default: [] })
  acronyms!: string[];

  @Column('jsonb', { default: {} })
  definition!: LocalizedText;

  @Column('jsonb', { name: 'scope_note', default: {} })
  scopeNote!: LocalizedText;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('uuid', { name: 'replaced_by_id', nullable: true })
  replacedById!: string | null;

  /** Principal who last changed the content: the one person who may not approve it (four eyes). */
  @Column('text', { name: 'last_editor', nullable: true })
  lastEditor!: string | null;

  /** Set when first published; from then on the code never changes. */
  @Column('timestamptz', { name: 'first_published_at', nullable: true })
  firstPublishedAt!: Date | null;

  /** Optimistic lock, incremented by the conditional UPDATE that writes the row. */
  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
