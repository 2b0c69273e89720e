import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MappingRelation, MappingStatus } from './mapping-relation';

@Entity('mapping')
export class MappingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { name: 'system_code' })
  systemCode!: string;

  /** As given by the system; compared after trimming. */
  @Column('text', { name: 'local_code' })
  localCode!: string;

  /** The local code trimmed, as PostgreSQL computes it (a generated column): what lookups compare. */
  @Column({ type: 'text', name: 'local_code_key', insert: false, update: false })
  localCodeKey!: string;

  @Column('text', { name: 'local_label', nullable: true })
  localLabel!: string | null;

  @Column('uuid', { name: 'concept_id', nullable: true })
  conceptId!: string | null;

  @Column('text')
  relation!: MappingRelation;

  @Column('date', { name: 'valid_from', nullable: true })
  validFrom!: string | null;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text')
  status!: MappingStatus;

  /** SSSOM mapping_justification, e.g. semapv:ManualMappingCuration. */
  @Column('text')
  justification!: string;

  @Column('numeric', {
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  confidence!: number | null;

  @Column('text', { nullable: true })
  author!: string | null;

  @Column('text', { nullable: true })
  reviewer!: string | null;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
