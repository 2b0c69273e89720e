import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@lexique/core';

@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  prefix!: string;

  @Column('text')
  name!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('text', { name: 'steward_domains', array: true, default: [] })
  stewardDomains!: string[];

  @Column('bytea', { name: 'secret_hash', select: false })
  secretHash!: Buffer;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
