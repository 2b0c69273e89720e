import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainEntity } from './domain.entity';

@Injectable()
export class DomainRepository {
  constructor(@InjectRepository(DomainEntity) private readonly domains: Repository<DomainEntity>) {}

  findAll(): Promise<DomainEntity[]> {
    return this.domains.find({ order: { code: 'ASC' } });
  }

  findByCodes(codes: readonly string[]): Promise<DomainEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.domains.createQueryBuilder('d').where('d.code = ANY(:codes)', { codes }).getMany();
  }
}
